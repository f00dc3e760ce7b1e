// ESLint for the admin's scripts (flat config, no build step): the recommended rules, in the browser, with the
// globals Django's JavaScript catalogue (the admin's jsi18n script) and the admin's jQuery define.
import js from "@eslint/js"
import globals from "globals"

export default [
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: {
        ...globals.browser,
        django: "readonly",
        gettext: "readonly",
        gettext_noop: "readonly",
        interpolate: "readonly",
        ngettext: "readonly",
      },
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: "error",
      "prefer-const": "error",
    },
  },
]
