package org.verifikimporter.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnNames;

/** The two settings each body field has, {@code importer.defaults.*} and {@code importer.columns.*}, read together. */
final class FieldSettings {

    private FieldSettings() {
    }

    /** The defaults that are set; blank ones are left out. */
    static Map<ApiField, String> defaults(Function<Setting<String>, String> parsed) {
        Map<ApiField, String> set = new EnumMap<>(ApiField.class);
        SettingsCatalog.fieldDefaults().forEach((field, setting) -> {
            String v = parsed.apply(setting);
            if (!v.isBlank()) {
                set.put(field, v);
            }
        });
        return Collections.unmodifiableMap(set);
    }

    static ColumnNames columnNames(Function<Setting<List<String>>, List<String>> parsed) {
        Map<ApiField, List<String>> names = new EnumMap<>(ApiField.class);
        SettingsCatalog.fieldColumns().forEach((field, setting) -> names.put(field, parsed.apply(setting)));
        return ColumnNames.configured(names);
    }
}
