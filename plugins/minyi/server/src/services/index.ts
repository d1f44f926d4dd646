import access from './access';
import intake from './intake';
import handling from './handling';
import escalation from './escalation';
import mail from './mail';
import audit from './audit';
import stats from './stats';
import structure from './structure';
import system from './system';
import workbench from './workbench';
import open311 from './open311';
import photos from './photos';
import documentIds from '../repositories/document-ids';

/**
 * The plugin's services by concern; each folder's index lists what it owns. Services load (today
 * through Strapi's query engine and knex, the repositories/ folder beneath them as it grows), call
 * the domain (../domain, no Strapi) and store. The job engine registers beside them as `jobs`
 * (../index.ts); `minyiService(strapi, name)` (../plugin.ts) reaches any of them with its own type.
 * Registration names stay as they were: other code and Strapi's admin refer to them.
 */
export default {
  ...access,
  ...intake,
  ...handling,
  ...escalation,
  ...mail,
  ...audit,
  ...stats,
  ...structure,
  ...system,
  ...workbench,
  ...open311,
  ...photos,
  // Ids for set-written rows; code imports newDocumentId, scripts and tests reach it as a service.
  'document-ids': documentIds,
};
