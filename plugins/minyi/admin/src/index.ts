import { getTranslation } from './utils/getTranslation';
import { PLUGIN_ID } from './pluginId';
import { Initializer } from './components/Initializer';
import { PluginIcon } from './components/PluginIcon';
import { SETTINGS_PERMISSIONS } from './permissions';

import type { StrapiApp } from '@strapi/strapi/admin';
import { Bell, ChartBubble, Headphones } from '@strapi/icons';

import { permissionsOf } from './permissions';

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: {
        id: `${PLUGIN_ID}.plugin.name`,
        defaultMessage: '民意直通车',
      },
      Component: () => import('./pages/App'),
      permissions: [],
    });

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

          return { data: newData, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;
