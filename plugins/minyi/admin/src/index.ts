import { getTranslation } from './utils/getTranslation';
import { PLUGIN_ID } from './pluginId';
import { Initializer } from './components/Initializer';
import { SETTINGS_PERMISSIONS } from './permissions';
// Issue 10 (workbench, intake, item panels): begin
import { ITEM_PANELS } from './components/ItemPanels';
import { ITEM_HEADER_ACTIONS } from './components/ItemHeaderActions';
import { INTAKE_PERMISSIONS, MAIL_PERMISSIONS, WORKBENCH_PERMISSIONS } from './permissions';
import { quietAdmin } from './utils/quietAdmin';
import { enumLabelsZh } from './utils/enumLabels';
// Issue 10: end

import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Bell, Briefcase, ChartBubble, Discuss, Headphones } from '@strapi/icons';

import { permissionsOf } from './permissions';

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

    // Settings → 民意直通车 (the link is hidden without settingsRead; the page checks it too).
    app.addSettingsLink(
      {
        id: PLUGIN_ID,
        intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: '民意直通车' },
      },
      {
        id: `${PLUGIN_ID}-settings`,
        to: PLUGIN_ID,
        intlLabel: { id: `${PLUGIN_ID}.settings.link`, defaultMessage: '系统设置' },
        Component: () => import('./pages/SettingsPage'),
        permissions: SETTINGS_PERMISSIONS.read,
      }
    );
    // --- issue 11: 数据看板 and the home page widget (own block) ---
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/dashboard`,
      icon: ChartBubble,
      intlLabel: { id: `${PLUGIN_ID}.dashboard.title`, defaultMessage: '数据看板' },
      Component: () => import('./pages/DashboardPage'),
      permissions: permissionsOf('dashboardRead'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/spot-checks`,
      icon: Headphones,
      intlLabel: { id: `${PLUGIN_ID}.spotCheck.title`, defaultMessage: '月度抽查' },
      Component: () => import('./pages/SpotCheckPage'),
      permissions: permissionsOf('spotChecksRead'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/notices`,
      icon: Bell,
      intlLabel: { id: `${PLUGIN_ID}.notices.title`, defaultMessage: '通报与整改' },
      Component: () => import('./pages/NoticesPage'),
      permissions: permissionsOf('noticesRead'),
    });
    // A reducer, so our widget stands before Strapi's own (which cannot be removed).
    app.widgets.register((widgets) => [
      {
        id: 'unit-figures',
        pluginId: PLUGIN_ID,
        icon: ChartBubble,
        title: { id: `${PLUGIN_ID}.widgets.title`, defaultMessage: '本单位民意事项' },
        link: {
          label: { id: `${PLUGIN_ID}.widgets.link`, defaultMessage: '打开数据看板' },
          href: `/plugins/${PLUGIN_ID}/dashboard`,
        },
        component: () => import('./widgets/UnitFiguresWidget').then((module) => module.default),
        permissions: permissionsOf('dashboardRead'),
      },
      ...widgets,
    ]);
    // --- end issue 11 ---

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
    // The same actions in the header's 更多操作 menu (components/ItemHeaderActions.tsx).
    contentManager.addDocumentAction(ITEM_HEADER_ACTIONS);
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
