import { AppPlugin } from '@grafana/data';
import { App } from './app/App';
import { AppConfig } from './app/config/AppConfig';
import type { AppJsonData } from './app/context';

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({ title: 'Configuration', icon: 'cog', body: AppConfig, id: 'configuration' });
