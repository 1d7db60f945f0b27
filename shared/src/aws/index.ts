export * from './aws-ports.js';
