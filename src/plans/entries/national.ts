import file from '../../../rules/layers/national.json';
import { frozenFile } from './file.js';

/** The bundled layer "national" (rules/layers/national.json) as parsed JSON, frozen: `loadPlan(myPlan, { layers: [national] })` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const national: object = /* @__PURE__ */ frozenFile(file);
export default national;

/** The layer's id. */
export const id = 'national';
