import '../../tools/drill/polyfill';
