/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /api/open311/v2 (prefix ''
 * takes them out of /api/minyi). Every call answers .xml and .json. No Strapi auth: the public
 * reads carry no personal data, and POST requests checks its `api_key` itself
 * (services/open311/partner-key.ts), since the spec sends it as a form field.
 */
const FORMAT = ':format(xml|json)';
const open = { auth: false as const, policies: [], prefix: '' };

export default [
  {
    method: 'GET',
    path: `/open311/v2/discovery.${FORMAT}`,
    handler: 'open311.discovery',
    config: open,
  },
  {
    method: 'GET',
    path: `/open311/v2/services.${FORMAT}`,
    handler: 'open311.services',
    config: open,
  },
  {
    method: 'GET',
    path: `/open311/v2/services/:service_code.${FORMAT}`,
    handler: 'open311.serviceDefinition',
    config: open,
  },
  {
    method: 'POST',
    path: `/open311/v2/requests.${FORMAT}`,
    handler: 'open311.createRequest',
    config: open,
  },
  {
    method: 'GET',
    path: `/open311/v2/requests.${FORMAT}`,
    handler: 'open311.requests',
    config: open,
  },
  {
    method: 'GET',
    path: `/open311/v2/requests/:service_request_id.${FORMAT}`,
    handler: 'open311.request',
    config: open,
  },
  {
    method: 'GET',
    path: `/open311/v2/tokens/:token.${FORMAT}`,
    handler: 'open311.token',
    config: open,
  },
];
