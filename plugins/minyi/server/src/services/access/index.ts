import accessScope from './access-scope';
import roles from './roles';

/** Who may see and do what: unit scoping of items (admin and REST accounts), the county's starting roles. */
export default {
  'access-scope': accessScope,
  roles,
};
