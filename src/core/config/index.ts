/** Public API of the experiment configuration: types, schema table, share-link codec, presets. */
export type * from './types';
export type {
  BoolSpec,
  EnumSpec,
  FieldGroup,
  FieldRow,
  FieldType,
  FloatSpec,
  IntSpec,
  ListSpec,
  RowCore,
  RowMeta,
  SpecFor,
} from './fields';
export type { Parsed } from './parse';
export { CODEC_VERSION, DEFAULTS, FIELDS, FIELD_BY_KEY, SCHEMA, keyOf, type AnyFieldRow, type Schema } from './schema';
export { decodeConfig, encodeConfig, formatField, parseField, queryPart, type DecodeResult } from './codec';
export { validateConfig, type Problem, type Severity } from './validate';
export { PRESETS, PRESET_IDS, isPresetId, presetConfig, type Preset, type PresetId } from './presets';
export { LESSON_KEYS, TOUR_KEY, isLayerKey, isLessonKey, type LessonKey } from './link-keys';
export { essentialFields } from './essentials';
export { clipText, wellFormed } from './text';
export { MAX_LANES, laneCount } from './lanes';
