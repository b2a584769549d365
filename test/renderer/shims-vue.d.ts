// Lets the test project's tsc type-check imports of .vue components (vue-tsc checks the components themselves).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, any>;
  export default component;
}
