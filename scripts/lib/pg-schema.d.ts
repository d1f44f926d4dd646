import type { Client } from 'pg';

/** Declarations of pg-schema.js (CommonJS, shared with bench/), for the TypeScript tests. */
export interface PgServer {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface OpenedSchema {
  label: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function pgServer(prefix: string): PgServer;
export function describeServer(server: PgServer): string;
export function withPg<T>(server: PgServer, work: (client: Client) => Promise<T>): Promise<T>;
export function schemaEnv(
  server: PgServer,
  schema: string,
  extra?: Record<string, string>
): Record<string, string>;
export function openSchema(
  server: PgServer,
  schema: string,
  options?: { create?: boolean; extraEnv?: Record<string, string> }
): Promise<OpenedSchema>;
