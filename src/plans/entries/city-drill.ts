import file from '../../../rules/city-drill.json';
import { frozenFile } from './file.js';

/** The bundled plan "city-drill" (rules/city-drill.json) as parsed JSON, frozen: `loadPlan(cityDrill)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const cityDrill: object = /* @__PURE__ */ frozenFile(file);
export default cityDrill;

/** The plan's id. */
export const id = 'city-drill';
