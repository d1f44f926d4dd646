import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // 简体中文 for county staff; English stays available in each user's profile.
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': {
        'app.components.LeftMenu.navbrand.title': '民意直通车',
        'app.components.LeftMenu.navbrand.workplace': '管理后台',
        'Auth.form.welcome.title': '欢迎使用民意直通车',
        'Auth.form.welcome.subtitle': '登录管理后台',
        'HomePage.header.title': '你好,{name}',
        'HomePage.header.subtitle': '欢迎使用民意直通车管理后台',
        // The edit view header's menu, which holds the item's handling actions (Strapi has no zh-Hans text for it).
        'content-manager.containers.edit.header.more-actions': '办理及更多操作',
      },
      en: {
        'app.components.LeftMenu.navbrand.title': 'Minyi Express',
        'app.components.LeftMenu.navbrand.workplace': 'Admin',
        'Auth.form.welcome.title': 'Welcome to Minyi Express',
        'Auth.form.welcome.subtitle': 'Log in to the admin panel',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
