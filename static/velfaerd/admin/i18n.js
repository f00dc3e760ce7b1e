// The admin's scripts ask Django's JavaScript catalogue (the admin's jsi18n script) for their texts in Danish.
// Should the catalogue fail to load, or a page have none, these stand in: the texts stay in English and the
// scripts go on working, since keeping what an editor typed matters more than the language it is offered in.
// The catalogue replaces them when it loads, before or after this.
globalThis.gettext ??= (text) => text
globalThis.gettext_noop ??= (text) => text
globalThis.interpolate ??= (format, values, named = false) =>
  named
    ? format.replace(/%\((\w+)\)s/g, (_match, name) => String(values[name]))
    : values.reduce((text, value) => text.replace("%s", String(value)), format)
globalThis.ngettext ??= (singular, plural, count) => (count === 1 ? singular : plural)
