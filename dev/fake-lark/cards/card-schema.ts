/**
 * What card JSON 2.0 allows, per component, taken from the official component pages (addresses in
 * `dev/fake-lark/README.md`, "Card JSON 2.0 rules"). 2.0 refuses properties it does not support
 * (card-json-v2-breaking-changes-release-notes), so every list here is a closed allow-list.
 */

/** Common to every 2.0 component (`element_id` and `margin` are new in 2.0). */
const COMMON = ['tag', 'element_id', 'margin'];

/** Properties of the card's root (card-json-v2-structure). */
export const ROOT_PROPS = ['schema', 'config', 'card_link', 'header', 'body'];

/** `config` (card-json-v2-structure, "config"). */
export const CONFIG_PROPS = [
  'streaming_mode',
  'streaming_config',
  'summary',
  'locales',
  'enable_forward',
  'update_multi',
  'width_mode',
  'use_custom_translation',
  'enable_forward_interaction',
  'style',
];
export const WIDTH_MODES = ['default', 'compact', 'fill'];

/** `header` (card-json-v2-components/content-components/title). */
export const HEADER_PROPS = [
  'title',
  'subtitle',
  'text_tag_list',
  'i18n_text_tag_list',
  'template',
  'icon',
  'padding',
];
export const HEADER_TEMPLATES = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
];

/** `body` (card-json-v2-structure, "body"). */
export const BODY_PROPS = [
  'direction',
  'padding',
  'horizontal_spacing',
  'horizontal_align',
  'vertical_spacing',
  'vertical_align',
  'elements',
];

/** A text object (`plain_text` / `lark_md`) as used by header titles, button texts and placeholders. */
export const TEXT_PROPS = [
  'tag',
  'content',
  'i18n_content',
  'text_size',
  'text_align',
  'text_color',
  'lines',
];
export const TEXT_TAGS = ['plain_text', 'lark_md'];

/** Properties per component tag that the fake checks in full. */
export const COMPONENT_PROPS: Record<string, string[]> = {
  // content-components/rich-text
  markdown: [...COMMON, 'text_size', 'text_align', 'icon', 'content', 'i18n_content'],
  // content-components/divider
  hr: [...COMMON],
  // content-components/table
  table: [
    ...COMMON,
    'page_size',
    'row_height',
    'row_max_height',
    'freeze_first_column',
    'header_style',
    'columns',
    'rows',
  ],
  // containers/column-set
  column_set: [
    ...COMMON,
    'horizontal_spacing',
    'horizontal_align',
    'flex_mode',
    'background_style',
    'action',
    'columns',
  ],
  column: [
    ...COMMON,
    'background_style',
    'width',
    'weight',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_align',
    'vertical_spacing',
    'direction',
    'padding',
    'action',
    'elements',
  ],
  // interactive-components/button
  button: [
    ...COMMON,
    'type',
    'size',
    'width',
    'text',
    'icon',
    'hover_tips',
    'disabled',
    'disabled_tips',
    'confirm',
    'behaviors',
    'name',
    'form_action_type',
  ],
  // containers/form-container
  form: [
    ...COMMON,
    'padding',
    'direction',
    'horizontal_spacing',
    'vertical_spacing',
    'horizontal_align',
    'vertical_align',
    'name',
    'elements',
  ],
  // interactive-components/input
  input: [
    ...COMMON,
    'name',
    'required',
    'disabled',
    'placeholder',
    'default_value',
    'width',
    'max_length',
    'input_type',
    'show_icon',
    'rows',
    'auto_resize',
    'max_rows',
    'label',
    'label_position',
    'value',
    'confirm',
    'fallback',
    'behaviors',
  ],
};

/**
 * Other 2.0 components (component-json-v2-overview). The bot does not use them; the fake accepts
 * their tag without checking their properties.
 */
export const OTHER_TAGS = [
  'div',
  'img',
  'img_combination',
  'chart',
  'person',
  'person_list',
  'audio',
  'collapsible_panel',
  'interactive_container',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_img',
  'checker',
  'overflow',
];

export const BUTTON_TYPES = [
  'default',
  'primary',
  'danger',
  'text',
  'primary_text',
  'danger_text',
  'primary_filled',
  'danger_filled',
  'laser',
];
export const BUTTON_SIZES = ['tiny', 'small', 'medium', 'large'];
export const BEHAVIOR_TYPES = ['callback', 'open_url'];
export const FORM_ACTION_TYPES = ['submit', 'reset'];
export const FLEX_MODES = ['none', 'stretch', 'flow', 'bisect', 'trisect'];
export const TABLE_DATA_TYPES = ['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'];
export const TABLE_COLUMN_PROPS = [
  'name',
  'display_name',
  'width',
  'data_type',
  'format',
  'date_format',
  'horizontal_align',
  'vertical_align',
];

/** Interactive components whose `name` identifies them inside a form (form-container). */
export const NAMED_IN_FORM = new Set([
  'input',
  'button',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_img',
  'checker',
]);

/** Limits (card-json-v2-structure; content-components/table). */
export const MAX_ELEMENTS = 200;
export const MAX_TABLES = 5;
export const MAX_TABLE_COLUMNS = 50;
/** Containers nest at most five levels (containers/column-set, containers/form-container). */
export const MAX_NESTING = 5;
