import file from '../../../rules/industry-bureau.json';
import { frozenFile } from './file.js';

/** The bundled plan "industry-bureau" (rules/industry-bureau.json) as parsed JSON, frozen: `loadPlan(industryBureau)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const industryBureau: object = /* @__PURE__ */ frozenFile(file);
export default industryBureau;

/** The plan's id. */
export const id = 'industry-bureau';
