import file from '../../../rules/hrss.json';
import { frozenFile } from './file.js';

/** The bundled plan "hrss" (rules/hrss.json) as parsed JSON, frozen: `loadPlan(hrss)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const hrss: object = /* @__PURE__ */ frozenFile(file);
export default hrss;

/** The plan's id. */
export const id = 'hrss';
