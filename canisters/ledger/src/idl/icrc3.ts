import { icrc3Idl } from '@chargex/common';

/** Candid types of the ICRC-3 methods, under the names ledger.did gives them. */
export const ICRC3_IDL = icrc3Idl({
  value: 'ICRC3Value',
  dataCertificate: 'ICRC3DataCertificate',
  supportedBlockType: 'SupportedBlockType'
});
