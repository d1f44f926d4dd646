import photos from './photo-store';

/** Photos on items (随手拍, 整改前/整改后): checked, cleaned of metadata, stored through Strapi's upload plugin. */
export default {
  photos,
};
