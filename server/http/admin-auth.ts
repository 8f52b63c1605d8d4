// Province users' session cookie, and the same-origin check that keeps another site from
// driving a logged-in browser (on top of SameSite=Strict).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProvinceUser } from '../province/users';
import { SESSION_TTL_MS, sessionUser } from '../province/users';
import type { ServerContext } from './context';
import { HttpError } from './errors';

export const SESSION_COOKIE = 'isoxa_session';

export const readCookie = (header: string | undefined, name: string): string | null => {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
};

export const sessionCookie = (secret: string, secure: boolean, maxAgeMs = SESSION_TTL_MS) =>
  [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');

const originHost = (origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

export const sameOriginHook = async (request: FastifyRequest, _reply: FastifyReply) => {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (originHost(origin) !== request.headers.host) throw new HttpError(403, 'FORBIDDEN');
};

export const requireAdmin = async (
  ctx: ServerContext,
  request: FastifyRequest,
): Promise<ProvinceUser> => {
  const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  }
  const user = await sessionUser(ctx.db, secret, ctx.now());
  if (!user)
    throw new HttpError(
      401,
      'UNAUTHENTICATED',
      'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    );
  return user;
};
