import accessScope from './access-scope';
import auditAccess from './audit-access';
import roles from './roles';

/** Who may see and do what: unit scoping of items (admin and REST accounts), the county's starting roles. */
export default {
  'access-scope': accessScope,
  'audit-access': auditAccess,
  roles,
};
