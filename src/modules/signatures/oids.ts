// Object identifiers used by the signatures module, named once.

/**
 * JPKI personal data in the subjectAltName otherName of a signature certificate
 * (署名用電子証明書). The arc and the order of values follow real cards: name, date of birth, sex,
 * address, then the substitute-character positions of name and address (代替文字の使用位置).
 */
export const JPKI_NAME = '1.2.392.200149.8.5.5.1';
export const JPKI_NAME_SUBSTITUTE = '1.2.392.200149.8.5.5.2';
export const JPKI_SEX = '1.2.392.200149.8.5.5.3';
export const JPKI_DATE_OF_BIRTH = '1.2.392.200149.8.5.5.4';
export const JPKI_ADDRESS = '1.2.392.200149.8.5.5.5';
export const JPKI_ADDRESS_SUBSTITUTE = '1.2.392.200149.8.5.5.6';

/** Certificate policies of the two JPKI purposes (署名用 class 20, 利用者証明用 class 30). */
export const JPKI_POLICY_SIGNATURE = '1.2.392.200149.8.5.1.1.20';
export const JPKI_POLICY_AUTHENTICATION = '1.2.392.200149.8.5.1.3.30';

export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const SHA384_WITH_RSA = '1.2.840.113549.1.1.12';
export const SHA512_WITH_RSA = '1.2.840.113549.1.1.13';
export const SHA1_WITH_RSA = '1.2.840.113549.1.1.5';
export const MD5_WITH_RSA = '1.2.840.113549.1.1.4';

export const SHA256 = '2.16.840.1.101.3.4.2.1';
export const SHA384 = '2.16.840.1.101.3.4.2.2';
export const SHA512 = '2.16.840.1.101.3.4.2.3';
export const SHA1 = '1.3.14.3.2.26';
export const MD5 = '1.2.840.113549.2.5';

export const CMS_DATA = '1.2.840.113549.1.7.1';
export const CMS_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const ATTR_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const ATTR_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** ESS signing-certificate-v2 (RFC 5035), the CAdES-BES way to bind the signer certificate. */
export const ATTR_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
export const ATTR_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';

export const EXT_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
export const EXT_KEY_USAGE = '2.5.29.15';
export const EXT_SUBJECT_ALT_NAME = '2.5.29.17';
export const EXT_BASIC_CONSTRAINTS = '2.5.29.19';
export const EXT_CRL_NUMBER = '2.5.29.20';
export const EXT_CRL_REASON = '2.5.29.21';
export const EXT_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
export const EXT_CERTIFICATE_POLICIES = '2.5.29.32';
export const EXT_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
export const EXT_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
export const AD_OCSP = '1.3.6.1.5.5.7.48.1';
export const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

/** Hash algorithm names as node:crypto knows them, by OID. */
export const HASH_NAME_BY_OID: Record<string, string> = {
  [SHA256]: 'sha256',
  [SHA384]: 'sha384',
  [SHA512]: 'sha512',
  [SHA1]: 'sha1',
  [MD5]: 'md5',
};
export const HASH_OID_BY_NAME: Record<string, string> = Object.fromEntries(Object.entries(HASH_NAME_BY_OID).map(([o, n]) => [n, o]));

/** Hash of an RSA PKCS#1 v1.5 signature algorithm, by OID (rsaEncryption: taken from the digest algorithm). */
export const HASH_OF_RSA_SIGNATURE: Record<string, string> = {
  [SHA256_WITH_RSA]: 'sha256',
  [SHA384_WITH_RSA]: 'sha384',
  [SHA512_WITH_RSA]: 'sha512',
  [SHA1_WITH_RSA]: 'sha1',
  [MD5_WITH_RSA]: 'md5',
};
