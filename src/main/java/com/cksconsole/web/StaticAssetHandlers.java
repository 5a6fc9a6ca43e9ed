package com.cksconsole.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Where the console's static files are served from: {@code /css/**}, {@code /js/**},
 * {@code /img/**} and {@code /favicon.ico}, each from its own folder of the jar's
 * {@code static/}, and nothing else. Spring Boot's default handler ({@code /**} over four
 * classpath folders, turned off with {@code spring.web.resources.add-mappings=false})
 * would also match every page link: the resource chain's link rewriting
 * ({@code ResourceUrlEncodingFilter}) then looked each link of a page up as a file in the
 * jar, four times, on every render, and cached only the hits. The key store list spent
 * two thirds of its time there (a JFR profile: benchmarks/load/README.md). With handlers
 * for the asset folders only, a page link matches none and is left as it is at once.
 *
 * <p>
 * The files under {@code /css}, {@code /js} and {@code /img} are linked under
 * content-hashed URLs ({@code /css/console-<md5>.css}, Spring's content version
 * strategy); resolved URLs and files are cached ({@code resourceChain(true)}), as Boot's
 * chain did. {@link StaticAssetCaching} says how long browsers keep them.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetHandlers implements WebMvcConfigurer {

    /** The asset folders: URL prefix and jar folder alike. */
    static final String[] FOLDERS = { "css", "js", "img" };

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                .addResourceLocations("classpath:/static/" + folder + "/")
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        // Asked for by browsers on their own; never linked, so under its plain name only.
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/");
    }

}
