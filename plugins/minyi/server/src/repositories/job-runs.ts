import type { Core } from '@strapi/strapi';

export const JOB_LEASE_UID = 'plugin::minyi.job-lease';
export const JOB_RUN_UID = 'plugin::minyi.job-run';

/**
 * The job engine's two tables (the job-run store and the leases write them with set-based SQL,
 * jobs/engine/). The tables Strapi gives the two content types. Their schemas set collectionName explicitly
 * (minyi_job_leases, minyi_job_runs): without it Strapi would name a plugin table
 * `<plugin>_<singularName>`, here "minyi_job-lease", hyphen included.
 */
export function jobTables(strapi: Core.Strapi): { leases: string; runs: string } {
  return {
    leases: strapi.db.metadata.get(JOB_LEASE_UID).tableName,
    runs: strapi.db.metadata.get(JOB_RUN_UID).tableName,
  };
}
