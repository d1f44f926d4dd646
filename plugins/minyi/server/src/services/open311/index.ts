import open311AttributeEditor from './attribute-editor';
import open311Catalog from './catalog';
import open311Intake from './intake';
import open311PartnerKey from './partner-key';
import open311Requests from './requests';

/** Open311 GeoReport v2 (/api/open311/v2): the services, new requests, and requests read back. */
export default {
  'open311-attributes': open311AttributeEditor,
  'open311-catalog': open311Catalog,
  'open311-intake': open311Intake,
  'open311-partner-key': open311PartnerKey,
  'open311-requests': open311Requests,
};
