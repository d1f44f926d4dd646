import { useIntl } from 'react-intl';

import { getTranslation } from './getTranslation';

/** The plugin's translation of `id` (zh-Hans first, English fallback; defaults are Chinese). */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}
