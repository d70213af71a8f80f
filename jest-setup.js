// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { MessageChannel } from 'node:worker_threads';

// React 19's server renderer (reached through @grafana/ui) needs MessageChannel,
// which jsdom lacks (SETUP-NOTES).
if (typeof global.MessageChannel === 'undefined') {
  global.MessageChannel = MessageChannel;
}
