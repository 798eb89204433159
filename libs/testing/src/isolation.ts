import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testInfrastructure } from './test-infrastructure';

// Each test file gets a database and a Kafka topic prefix of its own, so files can run in parallel
// against the same servers without seeing each other's rows or events.
export function uniqueName(label: string): string {
  return `${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

export async function createTestDatabase(label: string): Promise<string> {
  const admin = new URL(testInfrastructure().databaseUrl);
  const name = uniqueName(label);
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}
