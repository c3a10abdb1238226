import sodium from "libsodium-wrappers-sumo";

/**
 * Argon2id through libsodium. The interactive limits (64 MiB, 2 passes) keep a sign-in under a
 * few hundred milliseconds on a small server while making offline guessing expensive.
 */
export async function hashPassword(password: string): Promise<string> {
  await sodium.ready;
  return sodium.crypto_pwhash_str(
    password,
    sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
  );
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  await sodium.ready;
  try {
    return sodium.crypto_pwhash_str_verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: string | undefined;
/** Spends the same time as a real check, for unknown accounts, so timing does not tell them apart. */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= await hashPassword("aviso-dummy-password-for-timing");
  await verifyPassword(dummy, password);
  return false;
}
