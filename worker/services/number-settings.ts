// The org's business number (B21): ids, display number and the Cloud API token, which is
// write-only (encrypted at rest, never returned). `numberCredentials` is how the messaging side
// reads the token back to call the Cloud API.
import type { NumberPut, NumberSettings } from '../../shared/api/admin';
import { decryptSecret, encryptSecret, importEncryptionKey } from '../auth/secret-box';
import type { Db } from '../storage/db';
import { isUniqueViolation } from '../storage/errors';
import {
  createNumber,
  findNumberByPhoneNumberId,
  getOrgNumber,
  type NumberRow,
  updateNumber,
} from '../storage/repos/numbers';
import { ApiError, notFound } from './errors';
import { forgetCredentials } from './credentials-cache';
import { forgetRoutes } from './route-cache';
import type { Env } from '../env';

export function toNumberDto(n: NumberRow): NumberSettings {
  return {
    id: n.id,
    phoneNumberId: n.phoneNumberId,
    displayPhoneNumber: n.displayPhoneNumber,
    wabaId: n.wabaId,
    hasAccessToken: true,
    paused: n.paused,
    pausedReason: n.pausedReason,
    messagingLimitTier: n.messagingLimitTier,
    qualityEvent: n.qualityEvent,
    qualityUpdatedAt: n.qualityUpdatedAt,
    updatedAt: n.updatedAt,
  };
}

const idTaken = () =>
  new ApiError(409, 'phone_number_id_taken', 'This phone number id is already connected to an org.');

export async function readNumber(db: Db, orgId: string): Promise<NumberSettings> {
  const row = await getOrgNumber(db, orgId);
  if (!row) throw notFound('Business number');
  return toNumberDto(row);
}

export async function putNumber(
  env: Env,
  db: Db,
  orgId: string,
  input: NumberPut,
  now: number,
): Promise<{ number: NumberSettings; created: boolean }> {
  const owner = await findNumberByPhoneNumberId(db, input.phoneNumberId);
  if (owner && owner.orgId !== orgId) throw idTaken();
  const existing = await getOrgNumber(db, orgId);
  const ciphertext = input.accessToken
    ? await encryptSecret(await importEncryptionKey(env.TOKEN_ENCRYPTION_KEY), input.accessToken)
    : undefined;
  const fields = {
    phoneNumberId: input.phoneNumberId,
    displayPhoneNumber: input.displayPhoneNumber,
    wabaId: input.wabaId,
  };
  try {
    if (existing) {
      const changes = ciphertext ? { ...fields, accessTokenCiphertext: ciphertext } : fields;
      const row = await updateNumber(db, orgId, existing.id, changes, now);
      if (!row) throw notFound('Business number');
      // Its routes, under the old phone number id too when that changed.
      await forgetRoutes(env, [row.phoneNumberId, existing.phoneNumberId]);
      forgetCredentials(orgId);
      return { number: toNumberDto(row), created: false };
    }
    if (!ciphertext) {
      throw new ApiError(
        400,
        'invalid_request',
        'Invalid request: accessToken: is required when the number is first set',
      );
    }
    const row = await createNumber(db, orgId, { ...fields, accessTokenCiphertext: ciphertext, now });
    await forgetRoutes(env, [row.phoneNumberId]);
    forgetCredentials(orgId);
    return { number: toNumberDto(row), created: true };
  } catch (err) {
    if (isUniqueViolation(err)) throw idTaken();
    throw err;
  }
}

export interface NumberCredentials {
  number: NumberRow;
  accessToken: string;
}

export async function numberCredentials(
  db: Db,
  encryptionKey: string | undefined,
  orgId: string,
): Promise<NumberCredentials | undefined> {
  const number = await getOrgNumber(db, orgId);
  if (!number) return undefined;
  const accessToken = await decryptSecret(
    await importEncryptionKey(encryptionKey),
    number.accessTokenCiphertext,
  );
  return { number, accessToken };
}
