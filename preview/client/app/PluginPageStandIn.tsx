/**
 * Grafana's page chrome for plugin pages (title, breadcrumb, subtitle, tabs,
 * actions) in the preview. @grafana/runtime's own `PluginPage` renders only
 * its children until Grafana installs the real one at start-up; the preview
 * build (preview/build.mjs) puts this module in its place, so scenes'
 * SceneAppPage shows its title and tabs as in Grafana.
 */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, NavModelItem } from '@grafana/data';
import { Tab, TabsBar, useStyles2 } from '@grafana/ui';
// the runtime's index imports this module: a cycle that is fine, locationService is read only on click
import { locationService, PluginPageProps, PluginPageType } from '@grafana/runtime';

function navigate(event: React.MouseEvent<HTMLElement>, url?: string) {
  if (url && !event.metaKey && !event.ctrlKey) {
    event.preventDefault();
    locationService.push(url);
  }
}

function PreviewPluginPage({ pageNav, subTitle, actions, renderTitle, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const parent: NavModelItem | undefined = pageNav?.parentItem;
  const title = pageNav?.text ?? '';
  return (
    <div className={styles.page} data-testid="plugin-page">
      <header className={styles.header}>
        {parent && (
          <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
            <a href={parent.url} onClick={(e) => navigate(e, parent.url)}>
              {parent.text}
            </a>{' '}
            › {title}
          </nav>
        )}
        <div className={styles.titleRow}>
          {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
          {actions && <div>{actions}</div>}
        </div>
        {subTitle && <div className={styles.subTitle}>{subTitle}</div>}
        {pageNav?.children && pageNav.children.length > 0 && (
          <TabsBar>
            {pageNav.children.map((t) => (
              <Tab key={t.url ?? t.text} label={t.text} active={t.active} href={t.url} onChangeTab={(e) => navigate(e, t.url)} />
            ))}
          </TabsBar>
        )}
      </header>
      <div>{children}</div>
    </div>
  );
}

export let PluginPage: PluginPageType = PreviewPluginPage;

/** Kept for the runtime's own callers; the preview never replaces its stand-in. */
export function setPluginPage(component: PluginPageType) {
  PluginPage = component;
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  header: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  breadcrumb: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  titleRow: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }),
  title: css({ fontSize: theme.typography.h2.fontSize, margin: 0 }),
  subTitle: css({ color: theme.colors.text.secondary }),
});
