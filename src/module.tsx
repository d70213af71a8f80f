import React from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { NotYetBuilt } from './components/NotYetBuilt';

const App = (_props: AppRootProps) => <NotYetBuilt what="SLO Ledger app pages" />;

export const plugin = new AppPlugin<{}>().setRootPage(App);
