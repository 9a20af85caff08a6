import { BlockRange, GetArchivesArgs, GetBlocksResult } from '@chargex/common';
import { IDL, query } from 'azle';

import { collection } from '../app';
import { BLOCK_TYPES, ICRC3_IDL, Supported, SUPPORTED_STANDARDS, SupportedStandardIdl } from '../icrc3/icrc3_types';
import { LIMITS } from '../limits';

/** ICRC-3 (the collection's block log) and ICRC-10 (supported standards). */
export class Icrc3Api {
  /** Blocks of the requested ranges, at most max blocks per call over all ranges; none are archived. */
  @query([ICRC3_IDL.GetBlocksArgsIdl], ICRC3_IDL.GetBlocksResultIdl)
  icrc3_get_blocks(ranges: BlockRange[]): GetBlocksResult {
    const blocks = collection.log.blocksIn(ranges, LIMITS.maxBlocksPerCall);
    return { log_length: collection.log.length(), blocks, archived_blocks: [] };
  }

  /** This log has no archive canisters. */
  @query([ICRC3_IDL.GetArchivesArgsIdl], ICRC3_IDL.GetArchivesResultIdl)
  icrc3_get_archives(_args: GetArchivesArgs): [] {
    return [];
  }

  /** The certificate of the newest block's index and hash (none before the first block). */
  @query([], IDL.Opt(ICRC3_IDL.DataCertificateIdl))
  icrc3_get_tip_certificate() {
    return collection.log.tipCertificate();
  }

  /** The block types this log contains. */
  @query([], IDL.Vec(ICRC3_IDL.SupportedBlockTypeIdl))
  icrc3_supported_block_types() {
    return BLOCK_TYPES;
  }

  /** ICRC-7, ICRC-10, ICRC-37 and ICRC-3. */
  @query([], IDL.Vec(SupportedStandardIdl))
  icrc10_supported_standards(): Supported[] {
    return SUPPORTED_STANDARDS;
  }
}
