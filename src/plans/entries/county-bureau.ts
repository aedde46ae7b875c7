import file from '../../../rules/county-bureau.json';
import { frozenFile } from './file.js';

/** The bundled plan "county-bureau" (rules/county-bureau.json) as parsed JSON, frozen: `loadPlan(countyBureau)` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const countyBureau: object = /* @__PURE__ */ frozenFile(file);
export default countyBureau;

/** The plan's id. */
export const id = 'county-bureau';
