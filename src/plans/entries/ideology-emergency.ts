import file from '../../../rules/ideology-emergency.json';
import { frozenFile } from './file.js';

/** The bundled plan "ideology-emergency" (rules/ideology-emergency.json) as parsed JSON, frozen: `loadPlan(ideologyEmergency, { parameters })` with loadPlan from 'yuqing-playbook/core' (docs/browser.md). */
const ideologyEmergency: object = /* @__PURE__ */ frozenFile(file);
export default ideologyEmergency;

/** The plan's id. */
export const id = 'ideology-emergency';
