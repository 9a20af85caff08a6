/**
 * ai's model, fitted and evaluated: fits the parameters off chain on simulated training fleets (bench/ai/fit.ts),
 * then evaluates them on unseen fleets through the real ai wasm fed by telemetry (bench/ai/evaluate.ts), printing
 * the figures against the goals and the built-in model's parameters, and storing them in
 * bench/results.json under sections.ai_model. Run alone with `npx tsx bench/ai-model.ts`; `--params` prints the fitted
 * parameters as JSON (what an admin uploads with upload_model).
 */
import { fileURLToPath } from 'node:url';

import { fitModel } from './ai/fit.js';
import { evaluateModel } from './ai/evaluate.js';
import { recordSection, saveResults } from './report.js';

/** The goals the issue sets: state-of-health error, remaining-life error at half life, precision and recall. */
const GOALS = { sohMaePoints: 2, rulError: 0.15, precision: 0.95, recall: 0.9 };

function line(what: string, value: number, goal: string): void {
  console.log(`${what.padEnd(62)} ${(Number.isFinite(value) ? value.toFixed(3) : String(value)).padStart(10)}   goal ${goal}`);
}

/** Fits, evaluates, prints and records. */
export async function benchAiModel(): Promise<void> {
  const { params, report } = fitModel();
  console.log(
    `fit on training fleets: healthy worst rise ${report.healthy.rise!.toFixed(2)} dC/min, ${report.healthy.sigmas!.toFixed(2)} sigma, ` +
      `charge spread ${report.healthy.chargeSpread!.toFixed(3)}, stuck run ${report.healthy.stuckRun}; fade ${report.fadePerCycle.toExponential(3)} ` +
      `+- ${report.fadeSd.toExponential(2)} per cycle; resistance activation ${report.activationK.toFixed(0)} K`
  );
  const figures = await evaluateModel(params);
  console.log(`evaluated on ${figures.packs} unseen packs, ${figures.readings_per_pack} readings each, through telemetry into the ai wasm`);
  line('state of health: mean absolute error, points', figures.soh_mae_points, `<= ${GOALS.sohMaePoints}`);
  line('state of health: largest error, points', figures.soh_max_error_points, '-');
  line('remaining life at half life: mean relative error', figures.rul_error_at_half_life_mean, `<= ${GOALS.rulError}`);
  line('remaining life at half life: largest relative error', figures.rul_error_at_half_life_max, `<= ${GOALS.rulError}`);
  line('remaining life: share of 90 % intervals holding the truth', figures.rul_interval_holds_truth, '-');
  for (const [fault, f] of Object.entries(figures.faults)) {
    line(`${fault}: precision`, f.precision, `>= ${GOALS.precision}`);
    line(`${fault}: recall (${f.detected} of ${f.packs} packs)`, f.recall, `>= ${GOALS.recall}`);
    line(`${fault}: detection delay in readings, mean / max`, f.delay_readings_mean, `max ${f.delay_readings_max.toFixed(0)}`);
  }
  line('anomalies on healthy packs', figures.anomalies_on_healthy_packs, '0');
  recordSection('ai_model', { fitted: { report, params: { ...params, ocv_curve: undefined } }, evaluation: figures, goals: GOALS });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--params')) {
    console.log(JSON.stringify(fitModel().params, null, 2));
  } else {
    await benchAiModel();
    saveResults(fileURLToPath(new URL('results.json', import.meta.url)));
  }
}
