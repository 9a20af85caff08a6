import { icrc3Idl, named, SupportedBlockType } from '@chargex/common';
import { IDL } from 'azle';

/** Candid types of the ICRC-3 methods (and of ICRC-7 metadata values), under the names leasing.did gives them. */
export const ICRC3_IDL = icrc3Idl({ value: 'Value', dataCertificate: 'DataCertificate', supportedBlockType: 'BlockType' });

/** A block type or standard this canister supports, with where it is specified. */
export interface Supported {
  name: string;
  url: string;
}

/** Candid type of an ICRC-10 supported standard. */
export const SupportedStandardIdl = named('SupportedStandard', IDL.Record({ name: IDL.Text, url: IDL.Text }));

const ICRC7_URL = 'https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-7/ICRC-7.md';
const ICRC37_URL = 'https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-37/ICRC-37.md';

/** Every block type this log contains. */
export const BLOCK_TYPES: SupportedBlockType[] = [
  ...['7mint', '7burn', '7xfer', '7update_token'].map((block_type) => ({ block_type, url: ICRC7_URL })),
  ...['37approve', '37approve_coll', '37revoke', '37revoke_coll', '37xfer'].map((block_type) => ({ block_type, url: ICRC37_URL }))
];

/** The standards icrc10_supported_standards lists (ICRC-7 and ICRC-10 with the URLs ICRC-7 prescribes). */
export const SUPPORTED_STANDARDS: Supported[] = [
  { name: 'ICRC-7', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-7' },
  { name: 'ICRC-10', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-10' },
  { name: 'ICRC-37', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-37' },
  { name: 'ICRC-3', url: 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3' }
];
