package dev.cachify.key.impl;

import dev.cachify.key.KeyTemplateException;

import dev.cachify.fn.Args;
import dev.cachify.fn.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * A key such as {@code read_user-{userId}}: literal text with placeholders bound to a call's
 * arguments by name ({@code {userId}}) or by position ({@code {0}}). <code>{{</code> and
 * <code>}}</code> stand for literal braces. Parsed once; formatting a call's key is a single pass.
 *
 * <pre>{@code
 * KeyTemplate t = KeyTemplate.parse("sum-{a}-{1}");
 * t.checkAgainst(Params.of("a", "b"));           // fails early when a placeholder is unknown
 * t.format(Params.of("a", "b").bind(2, 3));       // "sum-2-3"
 * }</pre>
 */
public final class KeyTemplate {

  private final String source;
  private final String[] literals;
  private final String[] names;
  private final int[] positions;
  private final int sizeHint;

  private KeyTemplate(String source, List<String> literals, List<String> names) {
    this.source = source;
    this.literals = literals.toArray(String[]::new);
    this.names = names.toArray(String[]::new);
    this.positions = new int[this.names.length];
    for (int i = 0; i < this.names.length; i++) {
      positions[i] = isIndex(this.names[i]) ? Integer.parseInt(this.names[i]) : -1;
    }
    this.sizeHint = source.length() + 16;
  }

  private KeyTemplate(String source, String[] literals, String[] names, int[] positions) {
    this.source = source;
    this.literals = literals;
    this.names = names;
    this.positions = positions;
    this.sizeHint = source.length() + 16;
  }

  /**
   * Parses {@code template}.
   *
   * @param template the template text
   * @return the parsed template, not yet bound to parameters
   * @throws KeyTemplateException when the template is empty, or has an unclosed or empty
   *                              placeholder or a stray closing brace
   */
  public static KeyTemplate parse(String template) {
    if (template == null || template.isEmpty()) {
      throw new KeyTemplateException("a key template must not be empty");
    }
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) {
          throw new KeyTemplateException("key template '" + template + "' has an unclosed '{' at " + i);
        }
        String name = template.substring(i + 1, end).trim();
        if (name.isEmpty()) {
          throw new KeyTemplateException("key template '" + template + "' has an empty placeholder at " + i);
        }
        literals.add(literal.toString());
        literal.setLength(0);
        names.add(name);
        i = end + 1;
      } else if (c == '}') {
        throw new KeyTemplateException("key template '" + template + "' has a stray '}' at " + i
          + " (write '}}' for a literal brace)");
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    return new KeyTemplate(template, literals, names);
  }

  /**
   * Fails when a placeholder names no parameter of {@code params} (or a position past its end),
   * naming the template and the parameters, so a wrong key fails before anything runs. Answers
   * the template bound to those parameters.
   *
   * @param params the function's parameters
   * @return this template with every placeholder resolved to a parameter's position
   * @throws KeyTemplateException when a placeholder names no parameter of {@code params}
   */
  public KeyTemplate checkAgainst(Params params) {
    int[] resolved = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      resolved[i] = positions[i] >= 0 ? positions[i] : params.indexOf(names[i]);
      if (resolved[i] < 0 || resolved[i] >= params.size()) {
        throw new KeyTemplateException("Arguments in key template '" + source + "' do not match the "
          + "function's parameters " + params + ": no parameter for {" + names[i] + "}");
      }
    }
    // Names resolved to positions once, so formatting a call's key does no name lookups.
    return new KeyTemplate(source, literals, names, resolved);
  }

  /**
   * The key for one call.
   *
   * @param args the call's arguments, bound by the parameters this template was checked against
   * @return the formatted key
   */
  public String format(Args args) {
    if (names.length == 0) {
      return literals[0];
    }
    if (names.length == 1) {
      return single(valueOf(args, 0));
    }
    StringBuilder key = new StringBuilder(sizeHint);
    for (int i = 0; i < names.length; i++) {
      key.append(literals[i]);
      key.append(valueOf(args, i));
    }
    return key.append(literals[names.length]).toString();
  }

  /**
   * The key for positional {@code values} that match the bound parameters one to one (no
   * defaults to apply): the hot path of a call, which needs no {@link Args}. Only for a template
   * returned by {@link #checkAgainst}.
   *
   * @param values the call's arguments, one per parameter, in order
   * @return the formatted key
   */
  public String formatPositional(Object[] values) {
    if (names.length == 0) {
      return literals[0];
    }
    if (names.length == 1) {
      return single(values[positions[0]]);
    }
    StringBuilder key = new StringBuilder(sizeHint);
    for (int i = 0; i < names.length; i++) {
      key.append(literals[i]).append(values[positions[i]]);
    }
    return key.append(literals[names.length]).toString();
  }

  /**
   * The common case (one id): a single concatenation sizes the string exactly, and a number is
   * written as a primitive, without an intermediate String.
   */
  private String single(Object value) {
    if (value instanceof Long number) {
      return literals[0] + number.longValue() + literals[1];
    }
    if (value instanceof Integer number) {
      return literals[0] + number.intValue() + literals[1];
    }
    return literals[0] + value + literals[1];
  }

  /**
   * This template with {@code before} and {@code after} as literal text around it: how an instance
   * prefix and an operation suffix join the key without a second string copy per call.
   *
   * @param before the text put before the key (the instance prefix)
   * @param after  the text put after it (the operation suffix)
   * @return the wider template, bound as this one is
   */
  public KeyTemplate between(String before, String after) {
    List<String> lits = new ArrayList<>(List.of(literals));
    lits.set(0, before + lits.get(0));
    lits.set(lits.size() - 1, lits.get(lits.size() - 1) + after);
    return new KeyTemplate(before + source + after, lits.toArray(String[]::new), names, positions);
  }

  /** {@return whether the key does not depend on arguments} */
  public boolean isStatic() {
    return names.length == 0;
  }

  @Override
  public String toString() {
    return source;
  }

  private Object valueOf(Args args, int placeholder) {
    return positions[placeholder] >= 0 ? args.get(positions[placeholder]) : args.get(names[placeholder]);
  }

  private static boolean isIndex(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
