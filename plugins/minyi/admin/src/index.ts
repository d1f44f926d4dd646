import { getTranslation } from './utils/getTranslation';
import { PLUGIN_ID } from './pluginId';
import { Initializer } from './components/Initializer';
import { Bell, Briefcase, Discuss } from '@strapi/icons';
// Issue 10 (workbench, intake, item panels): begin
import { ITEM_PANELS } from './components/ItemPanels';
import { INTAKE_PERMISSIONS, MAIL_PERMISSIONS, WORKBENCH_PERMISSIONS } from './permissions';
import { quietAdmin } from './utils/quietAdmin';
import { enumLabelsZh } from './utils/enumLabels';
// Issue 10: end

import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    // Issue 10: the plugin's landing page is the workbench (工作台); pages a role cannot use are
    // not listed (the pages themselves check the same permissions with Page.Protect).
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Briefcase,
      intlLabel: {
        id: `${PLUGIN_ID}.workbench.title`,
        defaultMessage: '工作台',
      },
      Component: () => import('./pages/App'),
      permissions: WORKBENCH_PERMISSIONS,
    });
    // Served by the App above (its routes); these add only the menu entries.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/intake`,
      icon: Discuss,
      intlLabel: { id: `${PLUGIN_ID}.intake.title`, defaultMessage: '登记民意' },
      permissions: INTAKE_PERMISSIONS,
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/mail`,
      icon: Bell,
      intlLabel: { id: `${PLUGIN_ID}.mail.title`, defaultMessage: '通知邮件' },
      permissions: MAIL_PERMISSIONS,
    });
    // Issue 10: end

    app.registerPlugin({
      id: PLUGIN_ID,
      initializer: Initializer,
      isReady: false,
      name: PLUGIN_ID,
    });
  },

  bootstrap(app) {
    // Issue 10: the item's side panels (办理, 事项概况, 办理记录, 相关邮件) in the content manager.
    const contentManager = app.getPlugin('content-manager')
      .apis as ContentManagerPlugin['config']['apis'];
    contentManager.addEditViewSidePanel(ITEM_PANELS);
    quietAdmin((window as Window & { strapi?: { backendURL?: string } }).strapi?.backendURL);
    // Issue 10: end
  },

  registerTrads({ locales }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Record<string, string>;
          };

          const newData: Record<string, string> = {};
          const keys = Object.keys(data);

          for (const key of keys) {
            newData[getTranslation(key)] = data[key];
          }

          // Issue 10: enum values by their domain labels in the content manager's form.
          if (locale === 'zh-Hans') return { data: { ...enumLabelsZh(), ...newData }, locale };

          return { data: newData, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;
