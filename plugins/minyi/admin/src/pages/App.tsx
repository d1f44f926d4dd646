import { Page } from '@strapi/strapi/admin';
import { Routes, Route } from 'react-router-dom';

import { ImportPage } from './ImportPage';
import { MAIL_PERMISSIONS } from '../permissions';
import { IntakePage } from './IntakePage';
import { MailPage } from './MailPage';
import { WorkbenchPage } from './WorkbenchPage';

const App = () => {
  return (
    <Routes>
      <Route index element={<WorkbenchPage />} />
      <Route path="intake" element={<IntakePage />} />
      <Route
        path="mail"
        element={
          <Page.Protect permissions={MAIL_PERMISSIONS}>
            <MailPage />
          </Page.Protect>
        }
      />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;
