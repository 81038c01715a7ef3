// Shared with every service: see @podtalk/test-kit.
export { default } from '@podtalk/test-kit/vitest-preset';
