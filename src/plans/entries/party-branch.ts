import file from '../../../rules/party-branch.json';
import { frozenFile } from './file.js';

/** The bundled plan "party-branch" (rules/party-branch.json) as parsed JSON, frozen: `loadPlan(partyBranch)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const partyBranch: object = /* @__PURE__ */ frozenFile(file);
export default partyBranch;

/** The plan's id. */
export const id = 'party-branch';
