/** Chemistries of a battery NFT (leasing's enum), with the names people use. */
export const LEASING_CHEMISTRIES: [string, string][] = [
  ['LFP', 'Lithium iron phosphate (LFP)'],
  ['NMC', 'Nickel manganese cobalt (NMC)'],
  ['NCA', 'Nickel cobalt aluminium (NCA)'],
  ['LCO', 'Lithium cobalt oxide (LCO)'],
  ['LMO', 'Lithium manganese oxide (LMO)'],
  ['LTO', 'Lithium titanate (LTO)'],
  ['SodiumIon', 'Sodium-ion'],
  ['LeadAcid', 'Lead-acid'],
];

/** Chemistries telemetry checks cell voltages against (its own enum). */
export const TELEMETRY_CHEMISTRIES: [string, string][] = [
  ['LiFePO4', 'Lithium iron phosphate (LiFePO4)'],
  ['NMC', 'Nickel manganese cobalt (NMC)'],
  ['LTO', 'Lithium titanate (LTO)'],
];

/** The telemetry chemistry for a battery's leasing chemistry, where one matches. */
export function telemetryChemistryFor(leasing: string): string {
  return leasing === 'LFP' ? 'LiFePO4' : leasing === 'LTO' ? 'LTO' : 'NMC';
}
