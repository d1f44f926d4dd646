import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import { useT } from '../utils/useT';

/** A small line at the foot of the workbench: the loaded plugin's version (proof it is built and running). */
export const VersionLine = () => {
  const t = useT();
  const { get } = useFetchClient();
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    get<{ data: { version: string } }>('/minyi/status')
      .then((response) => setVersion(response.data.data.version))
      .catch(() => setVersion(null));
  }, [get]);
  if (!version) return null;
  return (
    <Typography variant="pi" textColor="neutral500" data-testid="minyi-version">
      {t('status.version', '版本')}: {version}
    </Typography>
  );
};
