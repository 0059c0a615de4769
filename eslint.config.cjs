// ESLint for the web client code of the addons (static/src and static/tests), run
// through pre-commit. Self-contained (no plugin or shared config to resolve): the
// rules of eslint:recommended that matter here, ES modules in a browser.
module.exports = [
    {
        files: ["**/*.esm.js"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: {
                window: "readonly",
                document: "readonly",
                console: "readonly",
                setTimeout: "readonly",
                clearTimeout: "readonly",
                Promise: "readonly",
                odoo: "readonly",
            },
        },
        rules: {
            "constructor-super": "error",
            "getter-return": "error",
            "no-const-assign": "error",
            "no-debugger": "error",
            "no-dupe-args": "error",
            "no-dupe-class-members": "error",
            "no-dupe-keys": "error",
            "no-duplicate-case": "error",
            "no-empty": "error",
            "no-func-assign": "error",
            "no-import-assign": "error",
            "no-redeclare": "error",
            "no-self-assign": "error",
            "no-this-before-super": "error",
            "no-undef": "error",
            "no-unreachable": "error",
            "no-unused-vars": ["error", {args: "none"}],
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: ["error", "smart"],
        },
    },
];
