export { default } from '@podtalk/test-kit/global-setup';
