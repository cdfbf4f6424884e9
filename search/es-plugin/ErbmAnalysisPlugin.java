package fr.erbm.analysis;

import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * The token filters of the archive's French analyzer, and the n-gram filters and tokenizers of
 * Wagtail's admin search index, under the names and settings of Elasticsearch's analysis-common
 * module, built on the same Lucene classes that module uses.
 * The integ-test distribution of Elasticsearch ships without that module; a production
 * cluster has it and does not need this plugin.
 */
public class ErbmAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "elision", AnalysisPlugin.requiresAnalysisSettings((index, env, name, settings) -> elision(name, settings)),
            "asciifolding", (index, env, name, settings) -> asciifolding(name, settings),
            "snowball", AnalysisPlugin.requiresAnalysisSettings((index, env, name, settings) -> snowball(name, settings)),
            "ngram", (index, env, name, settings) -> ngramFilter(name, settings, false),
            "edge_ngram", (index, env, name, settings) -> ngramFilter(name, settings, true)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "ngram", (index, env, name, settings) -> TokenizerFactory.newFactory(name, () ->
                new NGramTokenizer(settings.getAsInt("min_gram", 1), settings.getAsInt("max_gram", 2))),
            "edge_ngram", (index, env, name, settings) -> TokenizerFactory.newFactory(name, () ->
                new EdgeNGramTokenizer(settings.getAsInt("min_gram", 1), settings.getAsInt("max_gram", 2)))
        );
    }

    static TokenFilterFactory ngramFilter(String name, Settings settings, boolean edge) {
        int min = settings.getAsInt("min_gram", 1);
        int max = settings.getAsInt("max_gram", 2);
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream stream) {
                return edge ? new EdgeNGramTokenFilter(stream, min, max, preserveOriginal)
                    : new NGramTokenFilter(stream, min, max, preserveOriginal);
            }
        };
    }

    static TokenFilterFactory elision(String name, Settings settings) {
        List<String> articles = settings.getAsList("articles");
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("elision filter [" + name + "] requires [articles]");
        }
        CharArraySet set = new CharArraySet(articles, settings.getAsBoolean("articles_case", false));
        return new Normalizing(name, settings) {
            @Override
            public TokenStream create(TokenStream stream) {
                return new ElisionFilter(stream, set);
            }
        };
    }

    static TokenFilterFactory asciifolding(String name, Settings settings) {
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Normalizing(name, settings) {
            @Override
            public TokenStream create(TokenStream stream) {
                return new ASCIIFoldingFilter(stream, preserveOriginal);
            }

            @Override
            public TokenStream normalize(TokenStream stream) {
                return new ASCIIFoldingFilter(stream, false);
            }
        };
    }

    static TokenFilterFactory snowball(String name, Settings settings) {
        String language = settings.get("language", "");
        if (!language.equalsIgnoreCase("french")) {
            throw new IllegalArgumentException("snowball filter [" + name + "]: only language [French] is provided here, not [" + language + "]");
        }
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream stream) {
                return new SnowballFilter(stream, new FrenchStemmer());
            }
        };
    }

    /** A filter also allowed in normalizers (keyword fields), as in analysis-common. */
    abstract static class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        Normalizing(String name, Settings settings) {
            super(name, settings);
        }

        @Override
        public TokenStream normalize(TokenStream stream) {
            return create(stream);
        }
    }
}
