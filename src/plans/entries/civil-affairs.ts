import file from '../../../rules/civil-affairs.json';
import { frozenFile } from './file.js';

/** The bundled plan "civil-affairs" (rules/civil-affairs.json) as parsed JSON, frozen: `loadPlan(civilAffairs)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const civilAffairs: object = /* @__PURE__ */ frozenFile(file);
export default civilAffairs;

/** The plan's id. */
export const id = 'civil-affairs';
