import { parseArgs } from 'node:util';

import { isRole, type Role, ROLES } from '@sms/auth';

import { fetchDevToken, LOCAL_ISSUER_URL } from './dev-token';

const DEFAULT_EXPIRY = '12h';
const EXPIRY_PATTERN = /^(\d+)\s*(s|m|h|d)?$/i;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

const USAGE = `Usage: npm run token -- --account <accountId> --role <role> [options]

Prints a bearer token from the local development issuer that \`npm run stack\` runs
(ES256, checked by the services against the issuer's JWKS).

Required:
  --account <id>      account the token is scoped to, e.g. acc_demo
  --role <role>       one of: ${ROLES.join(', ')}

Options:
  --subject <sub>     user id or email (default: dev@example.com)
  --expires <span>    lifetime such as 30m, 12h, 7d or seconds (default: ${DEFAULT_EXPIRY})
  --issuer <url>      the local issuer (default: $AUTH_ISSUER_URL, else ${LOCAL_ISSUER_URL})
  -h, --help          show this message`;

class UsageError extends Error {}

interface TokenArgs {
  account: string;
  role: Role;
  subject: string;
  expiresInSeconds: number;
  issuer?: string;
}

function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        account: { type: 'string' },
        role: { type: 'string' },
        subject: { type: 'string', default: 'dev@example.com' },
        expires: { type: 'string', default: DEFAULT_EXPIRY },
        issuer: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: string[]): TokenArgs | 'help' {
  const { account, role, subject, expires, issuer, help } = readOptions(argv);
  if (help) {
    return 'help';
  }
  if (!account) {
    throw new UsageError('--account is required');
  }
  if (!role) {
    throw new UsageError('--role is required');
  }
  if (!isRole(role)) {
    throw new UsageError(`Unknown role "${role}"; valid roles: ${ROLES.join(', ')}`);
  }
  const match = EXPIRY_PATTERN.exec(expires);
  if (match === null) {
    throw new UsageError(`Invalid --expires "${expires}"; use e.g. 30m, 12h, 7d or a number of seconds`);
  }
  const expiresInSeconds = Number(match[1]) * SECONDS_PER_UNIT[(match[2] ?? 's').toLowerCase()];
  return { account, role, subject, expiresInSeconds, issuer: issuer ?? process.env.AUTH_ISSUER_URL };
}

async function main(argv: string[]): Promise<number> {
  let args: TokenArgs | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const token = await fetchDevToken({
      issuerUrl: args.issuer,
      accountId: args.account,
      role: args.role,
      subject: args.subject,
      expiresInSeconds: args.expiresInSeconds,
    });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
