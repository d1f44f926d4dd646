import { Page } from '@strapi/strapi/admin';
import { Routes, Route } from 'react-router-dom';

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
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;
