import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';

/**
 * The CEL expression every asset response carries in `IC-CertificateExpression` (HTTP Gateway Protocol, response
 * verification v2): the request is not certified (assets do not depend on it), and every response header but the
 * certificate itself is, so a gateway can trust the Content-Security-Policy and Cache-Control it passes on.
 */
export const ASSET_CERTIFICATE_EXPRESSION =
  'default_certification(ValidationArgs{certification:Certification{no_request_certification:Empty{},' +
  'response_certification:ResponseCertification{response_header_exclusions:ResponseHeaderList{headers:[]}}}})';

/** The label under an expression path that names the expression: SHA-256 of the header value. */
export const ASSET_EXPRESSION_HASH = sha256(utf8ToBytes(ASSET_CERTIFICATE_EXPRESSION));

export const CERTIFICATE_HEADER = 'ic-certificate';
export const CERTIFICATE_EXPRESSION_HEADER = 'ic-certificateexpression';
