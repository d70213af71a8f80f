import React from 'react';
import { PanelPlugin } from '@grafana/data';
import { NotYetBuilt } from '../../components/NotYetBuilt';

export const plugin = new PanelPlugin(() => <NotYetBuilt what="This panel" />);
